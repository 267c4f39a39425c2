package fetch

import (
	"context"
	"errors"
	"net"
	"net/netip"

	"code.dny.dev/ssrf"
)

// Loopback ranges, allowed only with Options.AllowLoopback.
var (
	loopbackV4 = netip.MustParsePrefix("127.0.0.0/8")
	loopbackV6 = netip.MustParsePrefix("::1/128")
	cgnatV4    = netip.MustParsePrefix("100.64.0.0/10")
)

// metadataAddrs are cloud instance-metadata endpoints, named in messages
// because reaching them is the classic goal of an SSRF attack. They are all
// inside ranges the guardian refuses anyway.
var metadataAddrs = map[netip.Addr]bool{
	netip.MustParseAddr("169.254.169.254"): true, // AWS, GCP, Azure, OpenStack
	netip.MustParseAddr("169.254.170.2"):   true, // AWS ECS task metadata
	netip.MustParseAddr("fd00:ec2::254"):   true, // AWS IPv6
	netip.MustParseAddr("100.100.100.200"): true, // Alibaba Cloud
}

// newGuardian builds the ssrf policy. Any port is allowed: feeds are served
// from :8000 and :8080 often enough, and the address check is what keeps the
// internal network out of reach.
func newGuardian(allowLoopback bool) *ssrf.Guardian {
	opts := []ssrf.Option{ssrf.WithAnyPort()}
	if allowLoopback {
		opts = append(opts,
			ssrf.WithAllowedV4Prefixes(loopbackV4),
			ssrf.WithAllowedV6Prefixes(loopbackV6))
	}
	return ssrf.New(opts...)
}

// refused returns why ip may not be dialed, or "" when it may. IPv4-mapped
// IPv6 addresses are judged as the IPv4 address they carry, and zones are
// dropped (netip.Prefix never contains a zoned address).
func (c *Client) refused(ip netip.Addr) string {
	ip = ip.WithZone("").Unmap()
	if c.guard.SafeAddr(ip) == nil {
		return ""
	}
	switch {
	case metadataAddrs[ip]:
		return "a cloud metadata address"
	case ip.IsLoopback():
		return "a loopback address"
	case ip.IsUnspecified():
		return "an unspecified address"
	case ip.IsPrivate():
		return "a private network address"
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast():
		return "a link-local address"
	case ip.IsMulticast():
		return "a multicast address"
	case cgnatV4.Contains(ip):
		return "a carrier-grade NAT address"
	default:
		return "a reserved address"
	}
}

// dialContext resolves addr itself, drops every address the policy refuses,
// and dials the remaining ones by IP, so the address that was checked is the
// one connected to. The dialer's Control hook (the ssrf guardian) checks again
// on the socket, as a second line should this function ever be bypassed.
func (c *Client) dialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	ips, err := c.resolve(ctx, host)
	if err != nil {
		return nil, err
	}
	var blocked, dialErr error
	for _, ip := range ips {
		if why := c.refused(ip); why != "" {
			if blocked == nil {
				blocked = &blockedAddrError{host: host, addr: ip.WithZone("").Unmap().String(), why: why}
			}
			continue
		}
		conn, err := c.dialer.DialContext(ctx, network, net.JoinHostPort(ip.Unmap().String(), port))
		if err == nil {
			return conn, nil
		}
		if dialErr == nil {
			dialErr = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	if dialErr != nil {
		return nil, dialErr
	}
	if blocked != nil {
		c.log.Warn("fetch blocked", "host", host, "reason", blocked.Error())
		return nil, blocked
	}
	return nil, &net.DNSError{Err: "no addresses", Name: host, IsNotFound: true}
}

// resolve returns the addresses of host, which may already be an IP literal.
func (c *Client) resolve(ctx context.Context, host string) ([]netip.Addr, error) {
	if ip, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{ip}, nil
	}
	ips, err := c.opts.LookupIP(ctx, host)
	if err != nil {
		var dnsErr *net.DNSError
		if errors.As(err, &dnsErr) {
			return nil, err
		}
		return nil, &net.DNSError{Err: err.Error(), Name: host, UnwrapErr: err}
	}
	return ips, nil
}

func defaultLookupIP(ctx context.Context, host string) ([]netip.Addr, error) {
	return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
}
