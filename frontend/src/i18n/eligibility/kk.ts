import type { EligibilityMessages } from './en';
import type { DeepPartial } from '../types';

const eligibility: DeepPartial<EligibilityMessages> = {
  nav: {},
};

export default eligibility;
