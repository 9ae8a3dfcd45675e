export { scorecardsRoutes } from './routes';
export { scorecardsNavigation } from './navigation';
