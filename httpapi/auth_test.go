package httpapi

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseKeys(t *testing.T) {
	keys, err := ParseKeys(strings.NewReader("# keys\nweb:0123456789abcdef:profiles:read,profiles:write\n\nops:fedcba9876543210:*\n"))
	require.NoError(t, err)
	require.Len(t, keys, 2)
	assert.Equal(t, []Scope{ScopeProfilesRead, ScopeProfilesWrite}, keys[0].Scopes)
	assert.True(t, keys[1].Allows(ScopeRecordsWrite))
	assert.False(t, keys[0].Allows(ScopeRecordsWrite))
	for _, tc := range []struct{ in, want string }{
		{"web:short:*", "line 1 (web): the secret must be at least 16 characters"},
		{"\nweb:0123456789abcdef:profiles:delete", `line 2 (web): unknown scope "profiles:delete"`},
		{"web:0123456789abcdef:*\nweb:0123456789abcdeg:*", `line 2: the name "web" is used twice`},
		{"just-a-secret", "line 1: want name:secret:scope"},
	} {
		_, err := ParseKeys(strings.NewReader(tc.in))
		require.Error(t, err, tc.in)
		assert.Contains(t, err.Error(), tc.want)
	}
	kr := newKeyring(keys)
	assert.Equal(t, "ops", kr.find("fedcba9876543210").Name)
	assert.Nil(t, kr.find("fedcba987654321"))
}

func FuzzParseKeys(f *testing.F) {
	f.Add("web:0123456789abcdef:profiles:read,profiles:write\n# c\n")
	f.Add("a:b:c\n:::\n")
	f.Fuzz(func(t *testing.T, in string) {
		keys, err := ParseKeys(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, k := range keys {
			if k.Name == "" || len(k.Secret) < 16 || strings.Contains(k.Secret, ":") || len(k.Scopes) == 0 {
				t.Fatalf("accepted a bad key %+v", k)
			}
			for _, s := range k.Scopes {
				if !slices.Contains(scopes, s) {
					t.Fatalf("accepted scope %q", s)
				}
			}
		}
	})
}

func TestLimiter(t *testing.T) {
	l := newLimiter(2, 3)
	now := time.Unix(0, 0)
	for i := range 3 {
		require.Zero(t, l.take("a", now), "burst %d", i)
	}
	assert.Equal(t, 500*time.Millisecond, l.take("a", now))
	assert.Zero(t, l.take("b", now), "clients are apart")
	assert.Zero(t, l.take("a", now.Add(500*time.Millisecond)), "a token came back")
}

func FuzzMergePatch(f *testing.F) {
	f.Add(`{"a":1,"b":{"c":2}}`, `{"b":{"c":null,"d":3},"e":[1]}`)
	f.Fuzz(func(t *testing.T, doc, patch string) {
		var d, p map[string]any
		if jsonUnmarshal(doc, &d) != nil || jsonUnmarshal(patch, &p) != nil {
			return
		}
		out := mergePatch(d, p)
		for k, v := range p {
			if v == nil {
				if _, ok := out[k]; ok {
					t.Fatalf("null did not remove %q", k)
				}
			} else if _, ok := out[k]; !ok {
				t.Fatalf("patch member %q missing", k)
			}
		}
	})
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
