export { privacyRoutes } from './routes';
export { privacyNavigation } from './navigation';
