// Package examples holds small runnable programs that show how to use
// skillsnav as a library:
//
//	go run ./examples/lookup                     look up job titles and skills in four languages
//	go run ./examples/escoimport PATH [PATH…]    import the official ESCO CSV download
//
// Each program is a main package in its own folder.
package examples
