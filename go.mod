module github.com/tocsin/tocsin

go 1.26.8

require (
	github.com/blevesearch/snowballstem v0.9.0
	github.com/clipperhouse/uax29/v2 v2.7.0
	golang.org/x/text v0.43.0
)
