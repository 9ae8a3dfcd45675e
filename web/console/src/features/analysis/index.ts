export { analysisRoutes } from './routes';
export { analysisNavigation } from './navigation';
