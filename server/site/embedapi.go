package site

// embedRoutes registers the embed API (/oembed, /api/embed).
func (s *Site) embedRoutes(lim *limiter) {}
