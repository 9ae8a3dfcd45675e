export { recordingsRoutes } from './routes';
export { recordingsNavigation } from './navigation';
