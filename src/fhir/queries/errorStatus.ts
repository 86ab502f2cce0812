import { FhirHttpError } from '../errors';

/** The server refused this request for lack of permission (a section the user may not see). */
export const isForbidden = (error: unknown): boolean => error instanceof FhirHttpError && error.status === 403;
