// Built-in sample profiles for the criteria editor's live preview, in the
// clinical-profile JSON of API.md. Dates are relative to today, so the
// samples keep their ages and "months since" as time passes.

export const SAMPLE_IDS = ['child_ball', 'adult_dlbcl', 'myeloma'] as const;
export type SampleId = (typeof SAMPLE_IDS)[number];

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The date `years` years and `months` months before `today`. */
function ago(today: Date, years: number, months = 0): string {
  const d = new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth() - months, 1));
  // Keep the day of the month where it exists, else the month's last day.
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(today.getUTCDate(), lastDay));
  return isoDate(d);
}

export function sampleProfile(id: SampleId, today: Date = new Date()): Record<string, unknown> {
  switch (id) {
    case 'child_ball':
      // A 9-year-old girl in Ankara with a second marrow relapse of CD19+ B-ALL.
      return {
        date_of_birth: ago(today, 9, 4),
        sex: 'female',
        country: 'TR',
        city: 'Ankara',
        latitude: 39.93,
        longitude: 32.86,
        travel: { max_distance_km: 1000, countries: ['TR'] },
        healthy_volunteer: false,
        diagnoses: [
          {
            condition_code: 'b_all',
            diagnosed_on: ago(today, 5),
            status: 'relapsed',
            relapse_count: 2,
            relapses: [
              { date: ago(today, 2, 10), site: 'bone_marrow' },
              { date: ago(today, 0, 3), site: 'bone_marrow' },
            ],
            antigens: { CD19: 'positive', CD22: 'unknown' },
            philadelphia: 'negative',
            cns_status: 'CNS1',
            mrd: 'positive',
          },
        ],
        therapy_lines: [
          {
            line: 1,
            started_on: ago(today, 5),
            ended_on: ago(today, 3),
            categories: ['chemotherapy', 'anthracycline'],
            targets: [],
            agents: ['vincristine', 'daunorubicin', 'methotrexate'],
            best_response: 'CR',
            response_on: ago(today, 4, 11),
            progressed_on_therapy: false,
            relapsed_on: ago(today, 2, 10),
          },
          {
            line: 2,
            started_on: ago(today, 2, 9),
            ended_on: ago(today, 1, 6),
            categories: ['chemotherapy'],
            targets: [],
            agents: ['cytarabine', 'etoposide'],
            best_response: 'CR',
            response_on: ago(today, 2, 7),
            progressed_on_therapy: false,
            relapsed_on: ago(today, 0, 3),
          },
        ],
        transplants: [],
        performance: { scale: 'lansky', score: 70, assessed_on: ago(today, 0, 1), rated_by: 'parent' },
        active_gvhd: false,
        allo_sct_eligible: null,
      };
    case 'adult_dlbcl':
      // A 54-year-old man in Heidelberg whose DLBCL did not respond to the second line.
      return {
        date_of_birth: ago(today, 54, 2),
        sex: 'male',
        country: 'DE',
        city: 'Heidelberg',
        latitude: 49.4,
        longitude: 8.69,
        travel: { max_distance_km: 800, countries: ['DE', 'ES'] },
        healthy_volunteer: false,
        diagnoses: [
          {
            condition_code: 'dlbcl',
            diagnosed_on: ago(today, 2, 6),
            status: 'refractory',
            antigens: { CD19: 'positive', CD20: 'positive' },
            cns_status: 'CNS1',
          },
        ],
        therapy_lines: [
          {
            line: 1,
            started_on: ago(today, 2, 5),
            ended_on: ago(today, 2, 0),
            categories: ['chemotherapy', 'anthracycline', 'anti_cd20'],
            targets: ['CD20'],
            agents: ['rituximab', 'cyclophosphamide', 'doxorubicin', 'vincristine', 'prednisone'],
            best_response: 'CR',
            response_on: ago(today, 2, 0),
            progressed_on_therapy: false,
            relapsed_on: ago(today, 1, 1),
          },
          {
            line: 2,
            started_on: ago(today, 1, 0),
            ended_on: ago(today, 0, 8),
            categories: ['chemotherapy', 'anti_cd20'],
            targets: ['CD20'],
            agents: ['rituximab', 'ifosfamide', 'carboplatin', 'etoposide'],
            best_response: 'PD',
            response_on: ago(today, 0, 9),
            progressed_on_therapy: true,
            relapsed_on: null,
          },
        ],
        transplants: [],
        performance: { scale: 'ecog', score: 1, assessed_on: ago(today, 0, 1), rated_by: 'clinician' },
        active_gvhd: false,
        allo_sct_eligible: false,
      };
    case 'myeloma':
      // A 63-year-old woman in Almaty, triple-class exposed, refractory to her third line.
      return {
        date_of_birth: ago(today, 63, 7),
        sex: 'female',
        country: 'KZ',
        city: 'Almaty',
        latitude: 43.24,
        longitude: 76.89,
        travel: { max_distance_km: 3000, countries: ['KZ', 'TR'] },
        healthy_volunteer: false,
        diagnoses: [
          {
            condition_code: 'multiple_myeloma',
            diagnosed_on: ago(today, 5, 2),
            status: 'refractory',
            relapse_count: 2,
            antigens: { BCMA: 'positive' },
          },
        ],
        therapy_lines: [
          {
            line: 1,
            started_on: ago(today, 5, 1),
            ended_on: ago(today, 4, 3),
            categories: ['proteasome_inhibitor', 'immunomodulatory', 'autologous_sct'],
            targets: [],
            agents: ['bortezomib', 'lenalidomide', 'dexamethasone', 'melphalan'],
            best_response: 'VGPR',
            response_on: ago(today, 4, 3),
            progressed_on_therapy: false,
            relapsed_on: ago(today, 2, 8),
          },
          {
            line: 2,
            started_on: ago(today, 2, 7),
            ended_on: ago(today, 1, 5),
            categories: ['anti_cd38', 'immunomodulatory'],
            targets: ['CD38'],
            agents: ['daratumumab', 'pomalidomide', 'dexamethasone'],
            best_response: 'PR',
            response_on: ago(today, 2, 3),
            progressed_on_therapy: false,
            relapsed_on: ago(today, 1, 5),
          },
          {
            line: 3,
            started_on: ago(today, 1, 4),
            ended_on: ago(today, 0, 2),
            categories: ['proteasome_inhibitor', 'chemotherapy'],
            targets: [],
            agents: ['carfilzomib', 'cyclophosphamide', 'dexamethasone'],
            best_response: 'PD',
            response_on: ago(today, 0, 6),
            progressed_on_therapy: true,
            relapsed_on: null,
          },
        ],
        transplants: [{ type: 'autologous', date: ago(today, 4, 6) }],
        performance: { scale: 'ecog', score: 1, assessed_on: ago(today, 0, 1), rated_by: 'clinician' },
        active_gvhd: false,
        allo_sct_eligible: false,
      };
  }
}
