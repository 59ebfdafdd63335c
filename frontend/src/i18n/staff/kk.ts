import type { StaffMessages } from './en';
import type { DeepPartial } from '../types';

// Kazakh: the portals' navigation, statuses and main headings. Missing keys
// fall back to English.
const staff: DeepPartial<StaffMessages> = {
  nav: {
    trials: 'Зерттеулер',
    importTrial: 'Зерттеуді импорттау',
    myTrials: 'Менің зерттеулерім',
    audit: 'Аудит журналы',
    mailbox: 'Пошта жәшігі',
  },
  common: {
    save: 'Сақтау',
    cancel: 'Бас тарту',
    loadMore: 'Тағы көрсету',
    open: 'Ашу',
    yes: 'Иә',
    no: 'Жоқ',
    notKnown: 'Белгісіз',
  },
  status: {
    draft: 'Жоба',
    recruiting: 'Қатысушылар жиналуда',
    paused: 'Тоқтатылған',
    closed: 'Жабық',
  },
  values: {
    female: 'Әйел',
    male: 'Ер',
  },
  outcome: {
    met: 'Орындалды',
    not_met: 'Орындалмады',
    unknown: 'Белгісіз',
  },
  verdict: {
    eligible: 'Сәйкес',
    possibly_eligible: 'Сәйкес болуы мүмкін',
    ineligible: 'Сәйкес емес',
  },
  states: {
    invited: 'Шақырылды',
    accepted: 'Қабылдады',
    interested: 'Қызығушылық танытты',
    declined: 'Бас тартты',
    prescreening: 'Алдын ала скрининг',
    screen_failed: 'Скринингтен өтпеді',
    eligible: 'Сәйкес',
    consented: 'Келісім берді',
    enrolled: 'Тіркелді',
    treated: 'Ем алды (инфузия)',
    completed: 'Аяқталды',
    withdrawn: 'Шығып қалды',
  },
  kinds: {
    age: 'Жасы',
    sex: 'Жынысы',
    condition: 'Диагноз',
    performance: 'Функционалдық жағдай',
  },
  trials: {
    title: 'Зерттеулер',
    new: 'Жаңа зерттеу',
  },
  investigator: {
    trialsTitle: 'Менің зерттеулерім',
    candidates: 'Үміткерлер',
  },
  candidates: {
    title: 'Үміткерлер',
    invite: 'Шақыру',
    invited: 'Шақырылды',
  },
  audit: {
    title: 'Аудит журналы',
  },
};

export default staff;
