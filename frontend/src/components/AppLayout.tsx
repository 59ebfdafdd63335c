import { AppShell, NavLink, ScrollArea } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth/context';
import { AppHeader } from './AppHeader';
import { FullPageLoader } from './FullPageLoader';
import { navItemsFor } from './navigation';
import { MAIN_CONTENT_ID, SkipLink } from './SkipLink';

/** The signed-in shell: header, the role's side menu, the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const isPhone = useMediaQuery('(max-width: 47.99em)', false);

  useEffect(() => {
    close();
  }, [pathname, close]);

  const items = user ? navItemsFor(user.role) : [];
  // A folded-away menu on a phone is off screen; `inert` keeps it out of the
  // Tab order and away from screen readers too.
  const hidden = isPhone && !opened;

  return (
    <>
      <SkipLink />
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding={0}
      >
        <AppHeader nav={{ opened, toggle }} />
        <AppShell.Navbar
          id="main-navigation"
          aria-label={t('nav.mainNavigation')}
          p="sm"
          inert={hidden}
        >
          <ScrollArea type="never">
            {items.map((item) => (
              <NavLink
                key={item.to}
                component={RouterNavLink}
                to={item.to}
                label={item.label(t)}
                leftSection={<item.icon size={20} aria-hidden />}
                active={pathname === item.to}
                variant="filled"
                fw={600}
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
              />
            ))}
          </ScrollArea>
        </AppShell.Navbar>
        <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1} mih="100dvh" bg="gray.0">
          <Suspense fallback={<FullPageLoader />}>
            <Outlet />
          </Suspense>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
