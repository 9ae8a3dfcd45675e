export { catalogRoutes } from './routes';
export { catalogNavigation } from './navigation';
