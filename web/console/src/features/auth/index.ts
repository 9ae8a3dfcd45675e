export { authConsoleRoutes, authPublicRoutes } from './routes';
