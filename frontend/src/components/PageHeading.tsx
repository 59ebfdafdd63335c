import { Title, type TitleProps } from '@mantine/core';
import { useEffect, useRef } from 'react';

let initialPage = true;

/** The page's one h1. After an in-app navigation it takes focus, so that a
 * screen reader announces the new page and Tab starts from its top. */
export function PageHeading({ children, ...props }: Omit<TitleProps, 'order'>) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (initialPage) {
      initialPage = false;
      return;
    }
    ref.current?.focus();
  }, []);
  return (
    <Title order={1} ref={ref} tabIndex={-1} {...props}>
      {children}
    </Title>
  );
}
