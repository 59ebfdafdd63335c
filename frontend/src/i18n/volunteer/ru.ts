import type { VolunteerMessages } from './en';
import type { DeepPartial } from '../types';

const volunteer: DeepPartial<VolunteerMessages> = {
  nav: {},
};

export default volunteer;
