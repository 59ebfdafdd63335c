// The 'eligibility' namespace, English: the reference. Other languages mirror these
// keys (missing ones fall back to English).
const eligibility = {
  nav: {},
};

export type EligibilityMessages = typeof eligibility;
export default eligibility;
