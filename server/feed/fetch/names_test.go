package fetch

import (
	"context"
	"net/netip"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Names of this machine, of cloud metadata services and of private
// networks are refused by name, before any lookup, as blocked addresses.
func TestRefusedNames(t *testing.T) {
	var lookups atomic.Int32
	lookup := func(ctx context.Context, host string) ([]netip.Addr, error) {
		lookups.Add(1)
		return []netip.Addr{netip.MustParseAddr("93.184.215.14")}, nil
	}
	public := New(Options{LookupIP: lookup})
	own := New(Options{LookupIP: lookup, AllowLoopback: true})
	for _, host := range []string{
		"localhost", "localhost.", "LOCALHOST..", "app.localhost", "app.localhost.",
		"metadata", "metadata.", "metadata.google.internal", "METADATA.GOOGLE.INTERNAL.", "metadata.goog",
		"instance-data", "instance-data.ec2.internal", "kubernetes.default.svc",
		"intranet", "printer.local", "db.svc.cluster.local", "nas.home.arpa", "box.localdomain", "x.corp.internal",
	} {
		for _, scheme := range []string{"http://", "https://"} {
			_, err := public.Get(t.Context(), scheme+host+":8080/feed.xml", Validators{})
			fe := requireKind(t, err, ErrBlocked)
			assert.Contains(t, fe.Msg, "Earshot only fetches from the public internet", host)
		}
	}
	assert.Zero(t, lookups.Load(), "refused names are never looked up")

	// The server's own origin may be on this machine (the demo show), but
	// never a metadata service.
	for _, host := range []string{"localhost", "localhost."} {
		_, err := own.ParseURL("http://" + host + ":8080/demo/feed.xml")
		assert.NoError(t, err, host)
	}
	_, err := own.ParseURL("http://metadata.google.internal/computeMetadata/v1/")
	requireKind(t, err, ErrBlocked)

	// Ordinary names pass, with or without the root's dot.
	for _, host := range []string{"example.com", "example.com.", "feeds.example.co.uk", "internal.example.com", "local.example"} {
		_, err := public.ParseURL("https://" + host + "/feed.xml")
		require.NoError(t, err, host)
	}
}
