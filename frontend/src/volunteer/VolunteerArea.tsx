import { Outlet } from 'react-router';
import { ActiveProfileProvider } from './components/ActiveProfileProvider';

/** The signed-in volunteer pages share the list of profiles and the one shown. */
export default function VolunteerArea() {
  return (
    <ActiveProfileProvider>
      <Outlet />
    </ActiveProfileProvider>
  );
}
