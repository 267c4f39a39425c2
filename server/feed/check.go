package feed

import "strings"

// CheckURL reports, without fetching anything, whether the service would
// fetch feedURL: the error is ErrBadURL or ErrBlocked (an IP literal in a
// private range, a name of this machine or of a private network) as Show
// would return it. Host names are not resolved, so a public name can still
// fail later; this is for refusing what is plainly refused before any work,
// such as each entry of an uploaded OPML file.
func (s *Service) CheckURL(feedURL string) error {
	feedURL = strings.TrimSpace(feedURL)
	if _, err := s.clientFor(feedURL).ParseURL(feedURL); err != nil {
		return err
	}
	return nil
}
