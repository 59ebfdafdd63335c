package eligibility

import "testing"

func TestCondition(t *testing.T) {
	ofALL := `{"id":"dx","kind":"condition","rule":"include","any_of":["all"]}`
	ofBALL := `{"id":"dx","kind":"condition","rule":"include","any_of":["b_all"]}`
	ofDLBCL := `{"id":"dx","kind":"condition","rule":"include","any_of":["dlbcl"]}`
	runOutcomeCases(t, []outcomeCase{
		{"a descendant matches", ofALL, aProfile().diagnosis("b_all"), Met, "condition.match"},
		{"the node itself matches", ofBALL, aProfile().diagnosis("b_all"), Met, "condition.match"},
		{"less specific (ALL, subtype unknown) is unknown", ofBALL, aProfile().diagnosis("all"), Unknown, "condition.ancestor"},
		{"B-NHL against DLBCL is unknown", ofDLBCL, aProfile().diagnosis("b_nhl"), Unknown, "condition.ancestor"},
		{"leukaemia against ALL is unknown", ofALL, aProfile().diagnosis("leukaemia"), Unknown, "condition.ancestor"},
		{"AML never matches ALL", ofALL, aProfile().diagnosis("aml"), NotMet, "condition.no_match"},
		{"AML never matches B-ALL", ofBALL, aProfile().diagnosis("aml"), NotMet, "condition.no_match"},
		{"lymphoma is no ancestor of B-ALL", ofBALL, aProfile().diagnosis("lymphoma"), NotMet, "condition.no_match"},
		{"PMBCL is a sibling of DLBCL", ofDLBCL, aProfile().diagnosis("pmbcl"), NotMet, ""},
		{"one of several diagnoses", ofBALL, aProfile().diagnosis("aml").diagnosis("b_all"), Met, ""},
		{"a code outside the taxonomy", ofBALL, aProfile().diagnosis("made_up"), NotMet, ""},
		{"diagnoses unknown", ofBALL, aProfile(), Unknown, "condition.missing"},
		{"no diagnoses", ofBALL, aProfile().noDiagnoses(), NotMet, "condition.no_match"},
		{"any of several nodes", `{"id":"dx","kind":"condition","rule":"include","any_of":["dlbcl","pmbcl","transformed_follicular_lymphoma"]}`,
			aProfile().diagnosis("pmbcl"), Met, ""},
	})
}

func TestConditionAntigens(t *testing.T) {
	cd19 := `{"id":"dx","kind":"condition","rule":"include","any_of":["b_all"],"antigens":{"CD19":"positive"}}`
	runOutcomeCases(t, []outcomeCase{
		{"CD19 positive", cd19, aProfile().diagnosis("b_all", antigens("CD19", "positive")), Met, "condition.match"},
		{"CD19 negative", cd19, aProfile().diagnosis("b_all", antigens("CD19", "negative")), NotMet, "condition.antigen_mismatch"},
		{"CD19 not recorded", cd19, aProfile().diagnosis("b_all", antigens("CD22", "positive")), Unknown, "condition.antigen_missing"},
		{"CD19 recorded as unknown", cd19, aProfile().diagnosis("b_all", antigens("CD19", "unknown")), Unknown, "condition.antigen_missing"},
		{"less specific and antigen unknown", cd19, aProfile().diagnosis("all"), Unknown, "condition.ancestor"},
		{"less specific but CD19 negative", cd19, aProfile().diagnosis("all", antigens("CD19", "negative")), NotMet, "condition.antigen_mismatch"},
		{"the antigen of another diagnosis does not count", cd19, aProfile().
			diagnosis("dlbcl", antigens("CD19", "positive")).diagnosis("b_all", antigens("CD19", "negative")), NotMet, ""},
		{"per diagnosis", cd19, aProfile().
			diagnosis("dlbcl", antigens("CD19", "negative")).diagnosis("b_all", antigens("CD19", "positive")), Met, ""},
		{"two antigens, one missing", `{"id":"dx","kind":"condition","rule":"include","any_of":["b_all"],"antigens":{"CD19":"positive","CD22":"positive"}}`,
			aProfile().diagnosis("b_all", antigens("CD19", "positive")), Unknown, "condition.antigen_missing"},
	})
}
