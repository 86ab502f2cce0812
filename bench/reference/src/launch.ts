// launch.html: the EHR opens it with ?iss=…&launch=…; fhirclient does discovery and redirects to authorize.
import FHIR from 'fhirclient';
import { clientId, scope } from './config';

void FHIR.oauth2.authorize({ clientId, scope, redirectUri: 'index.html' });
