package skillsnav_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	sn "github.com/skillsnavigator/skillsnav"
)

func fields(err error) []string {
	var ve *sn.ValidationError
	if !errors.As(err, &ve) {
		return nil
	}
	var out []string
	for _, f := range ve.Fields {
		out = append(out, f.Field)
	}
	return out
}

func TestValidate(t *testing.T) {
	day := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	good := func() *sn.Vacancy {
		return &sn.Vacancy{ID: "v1", Title: "Lasser", Location: sn.Location{Place: "Gent"}}
	}
	tests := []struct {
		name string
		rec  sn.Record
		want []string
	}{
		{"valid vacancy", good(), nil},
		{"vacancy without id, title, place", &sn.Vacancy{}, []string{"id", "title", "location"}},
		{"vacancy with bad values", &sn.Vacancy{ID: "a b", Title: "x", Lang: "es", Location: sn.Location{Lat: 95, Lon: 4}, Sector: "mining",
			Contract: "forever", HoursPerWeek: 80, Education: 9, Languages: []sn.LanguageLevel{{Lang: "dutch"}, {Lang: "fr", Level: "D1"}},
			DrivingLicence: []string{"Z"}, Skills: []sn.SkillReq{{ConceptID: ""}, {ConceptID: "a", Level: 7}}, Activities: []string{"sleeping"},
			Posted: day, Expires: day.AddDate(0, 0, -1)},
			[]string{"id", "lang", "location.lat", "sector", "contract", "hours_per_week", "education", "languages[0].lang", "languages[1].level",
				"driving_licence[0]", "skills[0].concept_id", "skills[1].level", "activities[0]", "expires"}},
		{"valid profile without home", &sn.Profile{ID: "p1"}, nil},
		{"profile travel limit without home", &sn.Profile{ID: "p1", MaxDistanceKm: 20}, []string{"home"}},
		{"profile with bad values", &sn.Profile{ID: "p1", Home: sn.Location{Place: "Gent"}, Skills: []sn.ProfileSkill{{ConceptID: "s", Years: -1, Source: "rumour"}, {ConceptID: "s"}},
			Interests: sn.Interests{Sectors: []string{"space"}}, Availability: sn.Availability{Contracts: []string{"x"}}},
			[]string{"skills[0].years", "skills[0].source", "skills[1].concept_id", "interests.sectors[0]", "availability.contracts[0]"}},
		{"opportunity without kind", &sn.Opportunity{ID: "o1", Title: "VCA", Location: sn.Location{Place: "Gent"}}, []string{"kind"}},
		{"opportunity with bad target group", &sn.Opportunity{ID: "o1", Kind: "training", Title: "VCA", Location: sn.Location{Place: "Gent"},
			CostEUR: -5, TargetGroup: sn.TargetGroup{MinAge: 26, MaxAge: 16, MinEducation: 4, MaxEducation: 2}},
			[]string{"cost_eur", "target_group", "target_group.max_education"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.rec.Validate()
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, sn.ErrInvalid)
			assert.Equal(t, tt.want, fields(err))
			assert.Contains(t, err.Error(), tt.rec.RecordID())
		})
	}
}

func TestParseKind(t *testing.T) {
	for in, want := range map[string]sn.Kind{"vacancies": sn.KindVacancy, "Profile": sn.KindProfile, " opportunities ": sn.KindOpportunity} {
		k, err := sn.ParseKind(in)
		require.NoError(t, err)
		assert.Equal(t, want, k)
	}
	_, err := sn.ParseKind("jobs")
	require.ErrorIs(t, err, sn.ErrInvalid)
}

func TestRecordJSON(t *testing.T) {
	// Zero values are left out, so stored records stay small.
	b, err := json.Marshal(&sn.Vacancy{ID: "v1", Title: "Lasser", Location: sn.Location{Place: "Gent"}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"v1","title":"Lasser","location":{"place":"Gent"}}`, string(b))
}

func TestCEFRRank(t *testing.T) {
	assert.Less(t, sn.CEFRRank("A2"), sn.CEFRRank("b1"))
	assert.Equal(t, 7, sn.CEFRRank("native"))
	assert.Zero(t, sn.CEFRRank("fluent"))
}
