export { startAuthServer, type AuthServer, type AuthServerOptions } from './server';
export { encodeLaunch, decodeLaunch, type LaunchParam } from './launch';
export { smartConfiguration } from './smartConfiguration';
