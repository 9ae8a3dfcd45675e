export { notificationsRoutes } from './routes';
export { notificationsNavigation } from './navigation';
export { NotificationBell } from './bell/NotificationBell';
