package library

import "strings"

// FeedKey is the identity of a feed URL, for telling whether two addresses
// name the same feed: the scheme and host are lowercased, a default port
// (:80 for http, :443 for https) is dropped, and one trailing slash of the
// path is ignored ("https://Example.com/feed/" and "https://example.com/feed"
// are one feed). Nothing else is touched: paths, queries and user info are
// case-sensitive and often carry private-feed tokens, http and https may be
// served differently, and "www." is a different host.
func FeedKey(feedURL string) string {
	s := strings.TrimSpace(feedURL)
	i := strings.Index(s, "://")
	if i <= 0 || strings.ContainsAny(s[:i], "/?#") {
		return s
	}
	scheme := strings.ToLower(s[:i])
	rest := s[i+3:]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	authority, tail := rest[:end], rest[end:]
	userinfo := ""
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		userinfo, authority = authority[:at+1], authority[at+1:]
	}
	host := strings.ToLower(authority)
	switch {
	case scheme == "http" && strings.HasSuffix(host, ":80"):
		host = strings.TrimSuffix(host, ":80")
	case scheme == "https" && strings.HasSuffix(host, ":443"):
		host = strings.TrimSuffix(host, ":443")
	}
	pathEnd := strings.IndexAny(tail, "?#")
	if pathEnd < 0 {
		pathEnd = len(tail)
	}
	path, suffix := tail[:pathEnd], tail[pathEnd:]
	path = strings.TrimSuffix(path, "/")
	return scheme + "://" + userinfo + host + path + suffix
}
