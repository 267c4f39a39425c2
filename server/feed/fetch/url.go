package fetch

import (
	"fmt"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// maxURLBytes bounds the URLs the client accepts. Real feed URLs are far
// shorter; anything longer is an attempt to make logs and caches grow.
const maxURLBytes = 4096

// ParseURL checks that raw is something the client would fetch and returns it
// parsed. It refuses non-http(s) schemes, URLs without a host, bad ports, and
// IP literals in a refused range, including the odd IPv4 spellings browsers
// and C resolvers accept ("2130706433", "0x7f.1", "127.1"). Host names are
// not resolved here: the dialer checks the addresses they resolve to, at
// connect time, so a DNS answer that changes between check and use
// (rebinding) cannot get through.
//
// The HTTP layer can call it to answer 400 or 403 before doing any work. The
// error is an *Error whose Kind is ErrBadURL or ErrBlocked.
func (c *Client) ParseURL(raw string) (*url.URL, error) {
	if len(raw) > maxURLBytes {
		return nil, c.urlError(shorten(raw), ErrBadURL, fmt.Sprintf("the URL is longer than %d bytes", maxURLBytes), nil)
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, c.urlError(shorten(raw), ErrBadURL, "this is not a valid URL", err)
	}
	if kind, msg := c.checkURL(u); kind != nil {
		return nil, c.urlError(u.Redacted(), kind, msg, nil)
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

func (c *Client) urlError(redacted string, kind error, msg string, cause error) *Error {
	return &Error{Kind: kind, URL: redacted, Msg: msg, Err: cause}
}

// checkURL validates an already parsed URL, for the first request and for
// every redirect target. It returns a nil kind when u may be fetched.
func (c *Client) checkURL(u *url.URL) (kind error, msg string) {
	switch u.Scheme {
	case "http", "https":
	case "":
		return ErrBadURL, "the URL must start with http:// or https://"
	default:
		return ErrBadURL, fmt.Sprintf("only http and https URLs can be fetched, not %s:", u.Scheme)
	}
	if u.Opaque != "" {
		return ErrBadURL, "the URL must start with http:// or https://"
	}
	host := u.Hostname()
	if host == "" {
		return ErrBadURL, "the URL has no host name"
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return ErrBadURL, fmt.Sprintf("%s is not a valid port", p)
		}
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		if why := c.refused(ip); why != "" {
			return ErrBlocked, fmt.Sprintf("%s is %s; Earshot only fetches from the public internet", host, why)
		}
		return nil, ""
	}
	if endsInNumber(host) {
		ip, ok := parseLooseIPv4(host)
		if !ok {
			return ErrBadURL, fmt.Sprintf("%s is not a valid host name or IP address", host)
		}
		if why := c.refused(ip); why != "" {
			return ErrBlocked, fmt.Sprintf("%s means %s, which is %s; Earshot only fetches from the public internet", host, ip, why)
		}
		// A public address in an odd spelling: refuse rather than rewrite,
		// since the Host header and TLS name would not match what was typed.
		return ErrBadURL, fmt.Sprintf("write the IP address %s as %s", host, ip)
	}
	if why := c.refusedName(host); why != "" {
		return ErrBlocked, fmt.Sprintf("%s is %s; Earshot only fetches from the public internet", host, why)
	}
	return nil, ""
}

// metadataNames are the host names of cloud instance-metadata services. They
// resolve to refused addresses anyway, but are refused by name, before any
// lookup: an answer must say "blocked", not "the lookup failed".
var metadataNames = map[string]bool{
	"metadata":                   true, // GCP (search domain), OpenStack
	"metadata.google.internal":   true, // GCP
	"metadata.goog":              true, // GCP
	"instance-data":              true, // AWS (search domain)
	"instance-data.ec2.internal": true, // AWS
	"metadata.tencentyun.com":    true, // Tencent Cloud
	"kubernetes.default":         true, // the Kubernetes API from a pod
	"kubernetes.default.svc":     true,
}

// privateSuffixes are DNS suffixes that only ever name hosts of a private
// network or this machine (RFC 6761, RFC 6762, RFC 8375, ICANN's .internal,
// Kubernetes' cluster domain).
var privateSuffixes = []string{".internal", ".local", ".localdomain", ".home.arpa", ".svc.cluster.local", ".cluster.local"}

// refusedName says why a host name (not an IP address) is refused without
// being looked up, or "". Trailing dots do not change a name ("localhost."
// is localhost). Names of this machine and single-label names (which a
// resolver completes with the server's own search domains, into its
// private network) are allowed with AllowLoopback only, for the server's own
// origin; metadata names never are.
func (c *Client) refusedName(host string) string {
	name := strings.TrimRight(strings.ToLower(host), ".")
	if name == "" {
		return "not a host name"
	}
	if metadataNames[name] {
		return "a cloud metadata service"
	}
	if c.opts.AllowLoopback {
		return ""
	}
	if name == "localhost" || strings.HasSuffix(name, ".localhost") {
		return "this machine"
	}
	if !strings.Contains(name, ".") {
		return "a name on a private network (it has no domain)"
	}
	for _, suffix := range privateSuffixes {
		if strings.HasSuffix(name, suffix) {
			return "a name on a private network"
		}
	}
	return ""
}

// endsInNumber reports whether the WHATWG URL standard would parse host as an
// IPv4 address: its last label is all digits or 0x-hex. Such hosts never go to
// DNS in a browser, and glibc's resolver turns them into addresses too, so
// they must not reach the resolver as if they were names.
func endsInNumber(host string) bool {
	labels := strings.Split(host, ".")
	if len(labels) > 1 && labels[len(labels)-1] == "" {
		labels = labels[:len(labels)-1]
	}
	last := labels[len(labels)-1]
	if last == "" {
		return false
	}
	if isDigits(last) {
		return true
	}
	if len(last) >= 2 && (last[:2] == "0x" || last[:2] == "0X") {
		return isHex(last[2:])
	}
	return false
}

// parseLooseIPv4 implements the WHATWG IPv4 parser: one to four parts, each
// decimal, octal (leading 0) or hex (0x); the last part fills the remaining
// bytes. "127.1", "0x7f.1" and "2130706433" all mean 127.0.0.1.
func parseLooseIPv4(host string) (netip.Addr, bool) {
	parts := strings.Split(host, ".")
	if len(parts) > 1 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	if len(parts) == 0 || len(parts) > 4 {
		return netip.Addr{}, false
	}
	nums := make([]uint64, len(parts))
	for i, p := range parts {
		n, ok := parseLooseNumber(p)
		if !ok {
			return netip.Addr{}, false
		}
		nums[i] = n
	}
	last := len(nums) - 1
	for _, n := range nums[:last] {
		if n > 255 {
			return netip.Addr{}, false
		}
	}
	if nums[last] >= 1<<(8*(5-len(nums))) {
		return netip.Addr{}, false
	}
	v := nums[last]
	for i, n := range nums[:last] {
		v += n << (8 * (3 - i))
	}
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), true
}

func parseLooseNumber(s string) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	base := 10
	switch {
	case len(s) >= 2 && (s[:2] == "0x" || s[:2] == "0X"):
		s, base = s[2:], 16
		if s == "" {
			return 0, true // WHATWG: "0x" alone is zero
		}
	case len(s) >= 2 && s[0] == '0':
		s, base = s[1:], 8
	}
	n, err := strconv.ParseUint(s, base, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// redact hides the password of a URL for messages, if it parses at all.
func redact(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return shorten(u.Redacted())
	}
	return shorten(raw)
}

// shorten shortens an overlong URL for an error message.
func shorten(s string) string {
	const keep = 100
	if len(s) <= keep {
		return s
	}
	return s[:keep] + "…"
}
