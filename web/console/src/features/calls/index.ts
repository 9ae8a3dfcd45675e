export { callsRoutes } from './routes';
export { callsNavigation } from './navigation';
