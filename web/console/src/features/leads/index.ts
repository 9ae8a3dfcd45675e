export { leadsRoutes } from './routes';
export { leadsNavigation } from './navigation';
