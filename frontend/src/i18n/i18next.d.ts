import 'i18next';
import type { EligibilityMessages } from './eligibility/en';
import type { Messages } from './locales/en';
import type { StaffMessages } from './staff/en';
import type { VolunteerMessages } from './volunteer/en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: Messages;
      volunteer: VolunteerMessages;
      staff: StaffMessages;
      eligibility: EligibilityMessages;
    };
    returnNull: false;
  }
}
