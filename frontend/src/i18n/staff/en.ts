// The 'staff' namespace, English: the reference. Other languages mirror these
// keys (missing ones fall back to English).
const staff = {
  nav: {},
};

export type StaffMessages = typeof staff;
export default staff;
