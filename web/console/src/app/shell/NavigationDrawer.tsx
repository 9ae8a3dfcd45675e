import { Menu, X } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useMessages } from '@/i18n';
import { IconButton } from '@/kit/Button';
import { appMessages } from '../app.messages';
import { SideNavigation } from './SideNavigation';

/**
 * The navigation on a small screen: the menu button and the modal drawer it opens from the left. Radix keeps focus inside while
 * it is open, Escape and a tap outside close it, focus returns to the menu button. The shell closes
 * it when the reader follows a link (it is open only at the address it was opened at).
 */
export function NavigationDrawer({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const m = useMessages(appMessages).shell;
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger className="icon-btn topbar__menu" aria-label={m.openNavigation}>
        <Menu aria-hidden="true" />
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay drawer-overlay" />
        <Dialog.Content className="drawer sidebar" aria-describedby={undefined}>
          <Dialog.Title className="visually-hidden">{m.navigation}</Dialog.Title>
          <Dialog.Close asChild>
            <IconButton label={m.closeNavigation} className="drawer__close">
              <X aria-hidden="true" />
            </IconButton>
          </Dialog.Close>
          <SideNavigation idPrefix="drawer" />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
