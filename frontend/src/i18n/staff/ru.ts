import type { StaffMessages } from './en';
import type { DeepPartial } from '../types';

const staff: DeepPartial<StaffMessages> = {
  nav: {},
};

export default staff;
