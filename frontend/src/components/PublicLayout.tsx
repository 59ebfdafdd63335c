import { AppShell } from '@mantine/core';
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { AppFooter } from './AppFooter';
import { AppHeader } from './AppHeader';
import { FullPageLoader } from './FullPageLoader';
import { MAIN_CONTENT_ID, SkipLink } from './SkipLink';

/** Pages for everyone: the landing page, sign-in, sign-up. */
export function PublicLayout() {
  return (
    <>
      <SkipLink />
      <AppShell header={{ height: 60 }} padding={0}>
        <AppHeader />
        <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1} mih="calc(100dvh - 60px)">
          <Suspense fallback={<FullPageLoader />}>
            <Outlet />
          </Suspense>
        </AppShell.Main>
        <AppFooter />
      </AppShell>
    </>
  );
}
