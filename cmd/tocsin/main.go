// Command tocsin is the news event intelligence engine's command-line front end.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "tocsin: under construction")
	os.Exit(2)
}
