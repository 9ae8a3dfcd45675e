export { campaignsRoutes } from './routes';
export { campaignsNavigation } from './navigation';
