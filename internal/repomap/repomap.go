// Package repomap holds the test that keeps ARCHITECTURE.md's folder map
// true: every Go package of the tree has a row, and every row a folder. A
// newcomer reads the map first; a map that lies costs them more than none.
package repomap
