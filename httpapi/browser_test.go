package httpapi_test

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chromium finds a headless browser: SKILLSNAV_CHROMIUM, or chromium
// (Debian's package, which .ci/run installs) or google-chrome on PATH.
func chromium(t *testing.T) string {
	if p := os.Getenv("SKILLSNAV_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium found (install Debian's chromium package or set SKILLSNAV_CHROMIUM); the demo page is not tested in a browser")
	return ""
}

// TestDemoPageInBrowser drives the demo page in headless Chromium through
// a counsellor's main flow: pick a skill with autocomplete, have skills
// recognised in a CV, search, read the explanation, open a vacancy, fail
// to see candidates without a key and see them with one, and switch to
// French.
func TestDemoPageInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	exe := chromium(t)
	srv := httptest.NewServer(newFull(t, nil))
	defer srv.Close()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.Headless)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	var label, chips, first, cands, frLabel, frFirst, noKey string
	var nchips int
	require.NoError(t, chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.Text(`label[for=skill]`, &label, chromedp.ByQuery),
		// Autocomplete.
		chromedp.SendKeys(`#skill`, "heftr", chromedp.ByID),
		chromedp.WaitVisible(`#suggest div[data-id]`, chromedp.ByQuery),
		chromedp.Click(`#suggest div[data-id]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#chips .chip`, chromedp.ByQuery),
		// Skills from a CV.
		chromedp.SendKeys(`#cv`, "Ik heb drie jaar ervaring met lassen.", chromedp.ByID),
		chromedp.Click(`#extract`, chromedp.ByID),
		chromedp.WaitVisible(`#chips .chip:nth-child(2)`, chromedp.ByQuery),
		chromedp.Text(`#chips`, &chips, chromedp.ByID),
		chromedp.Evaluate(`document.querySelectorAll("#chips .chip").length`, &nchips),
		// Search and explanations.
		chromedp.Click(`#search`, chromedp.ByID),
		chromedp.WaitVisible(`#vacancies .vacancy`, chromedp.ByQuery),
		chromedp.WaitVisible(`#next .result, #next p`, chromedp.ByQuery),
		chromedp.Text(`#vacancies .vacancy`, &first, chromedp.ByQuery),
		// A vacancy and its candidates.
		chromedp.Click(`#vacancies .vacancy h3`, chromedp.ByQuery),
		chromedp.WaitVisible(`#detail`, chromedp.ByID),
		chromedp.Click(`#candidates`, chromedp.ByID),
		chromedp.WaitVisible(`#cands .error`, chromedp.ByQuery),
		chromedp.Text(`#cands`, &noKey, chromedp.ByID),
		chromedp.SendKeys(`#key`, adminKey, chromedp.ByID),
		chromedp.Click(`#candidates`, chromedp.ByID),
		chromedp.WaitVisible(`#cands .candidate`, chromedp.ByQuery),
		chromedp.Text(`#cands`, &cands, chromedp.ByID),
		// French.
		chromedp.Evaluate(`(() => { const s = document.getElementById("lang"); s.value = "fr"; s.dispatchEvent(new Event("change")); })()`, nil),
		chromedp.Text(`label[for=skill]`, &frLabel, chromedp.ByQuery),
		chromedp.Sleep(500*time.Millisecond), // the search is re-run in French
		chromedp.WaitVisible(`#vacancies .vacancy`, chromedp.ByQuery),
		chromedp.Text(`#vacancies .vacancy`, &frFirst, chromedp.ByQuery),
	))
	assert.Equal(t, "Vaardigheden", label, "Dutch by default")
	assert.Equal(t, 2, nchips, "one skill from autocomplete, one from the CV")
	assert.Contains(t, strings.ToLower(chips), "lassen")
	assert.Contains(t, first, "Heeft:", "the explanation lists the matched skills")
	assert.Contains(t, first, "skills ", "the score is broken down by component")
	assert.Contains(t, noKey, "API key", "candidates need a key")
	assert.NotEmpty(t, cands)
	assert.Equal(t, "Compétences", frLabel)
	assert.Contains(t, frFirst, "A:", "explanations follow the language")
}
