export { qualityRoutes } from './routes';
export { qualityNavigation } from './navigation';
