import { LayoutDashboard } from 'lucide-react';
import type { NavSection } from '@/kit/navigation';

export const overviewNavigation: readonly NavSection[] = [{ title: 'Workspace', items: [{ label: 'Overview', to: '/', icon: LayoutDashboard }] }];
