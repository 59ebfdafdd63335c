// Package eligibility judges volunteers against a trial's eligibility
// criteria, in two ways that must never disagree:
//
//   - Derive turns a clinical profile into Facts (the one place where facts
//     are derived), and Evaluate explains one volunteer × one trial in Go;
//   - CompileSQL turns the same criteria into SQL over the volunteer_facts
//     table (one row of Facts per volunteer, see FactsRow), so candidate
//     search and feasibility counts run in PostgreSQL over the whole registry.
//
// Every criterion is met, not met or unknown. Unknown is SQL's NULL, so the
// groups any_of / all_of are plain OR / AND in both evaluators (Kleene logic).
// docs/eligibility.md describes every fact, kind and reason code.
package eligibility
