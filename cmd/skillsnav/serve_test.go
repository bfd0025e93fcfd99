package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func TestServeAndShutdown(t *testing.T) {
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	var logs bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr}, strings.NewReader(""), &bytes.Buffer{}, &logs)
	}()

	var resp *http.Response
	var err error
	for i := 0; i < 100; i++ {
		if resp, err = http.Get("http://" + addr + "/readyz"); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	require.NoError(t, err, "server did not come up")
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)

	resp, err = http.Get("http://" + addr + "/v1/taxonomy/search?q=lasser&lang=nl&kind=occupation")
	require.NoError(t, err)
	var body struct {
		Results []struct{ ID string } `json:"results"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
	resp.Body.Close()
	require.NotEmpty(t, body.Results)
	assert.Equal(t, "sn:occupation:welder", body.Results[0].ID)

	cancel() // as SIGTERM does
	select {
	case code := <-done:
		assert.Equal(t, 0, code)
	case <-time.After(10 * time.Second):
		t.Fatal("server did not shut down")
	}
	assert.Contains(t, logs.String(), `"msg":"stopped"`)
	assert.NotContains(t, logs.String(), "lasser", "query strings (possibly personal data) are not logged")
}

func TestServeRejectsBadMatchParallelism(t *testing.T) {
	code, _, errs := runCLI("serve", "--addr", freeAddr(t), "--match-parallelism", "-2")
	assert.Equal(t, 2, code, errs)
	assert.Contains(t, errs, "--match-parallelism")
}
