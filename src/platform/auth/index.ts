export { authenticationHook, type Authenticator, type Principal } from './authenticator.js';
