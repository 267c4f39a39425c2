package site

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFixBooleans(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<option value="1" selected="false">1×</option>`, `<option value="1">1×</option>`},
		{`<option selected value="2">2×</option>`, `<option selected value="2">2×</option>`},
		{`<input type="checkbox" checked="false">`, `<input type="checkbox">`},
		{`<button aria-selected role="tab">A</button>`, `<button aria-selected="true" role="tab">A</button>`},
		{`<span aria-hidden>x</span>`, `<span aria-hidden="true">x</span>`},
		{`<span aria-hidden="false">x</span>`, `<span aria-hidden="false">x</span>`},
		{`<p>use aria-label wisely, checked="false" stays text</p>`, `<p>use aria-label wisely, checked="false" stays text</p>`},
		{`<script type="application/json">{"a":"<b aria-x>"}</script><i aria-y>`, `<script type="application/json">{"a":"<b aria-x>"}</script><i aria-y="true">`},
		{`<a title="\" aria-z >x">t</a>`, `<a title="\" aria-z >x">t</a>`},
		{`<!-- <b aria-q> --><b aria-q>`, `<!-- <b aria-q> --><b aria-q="true">`},
		{`a < b and <3`, `a < b and <3`},
		{`<textarea>checked="false" <i aria-k></textarea>`, `<textarea>checked="false" <i aria-k></textarea>`},
	} {
		assert.Equal(t, tc.want, string(fixBooleans([]byte(tc.in))), tc.in)
	}
}
