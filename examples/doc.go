// Package examples holds small runnable programs that show how to use
// skillsnav as a library:
//
//	go run ./examples/lookup                     look up job titles and skills in four languages
//	go run ./examples/escoimport PATH [PATH…]    import the official ESCO CSV download
//	go run ./examples/match                      store vacancies, match a French CV in-process, print explanations
//	go run ./examples/apiclient [-url URL]       call the HTTP API from Go (start the server first)
//
// Each program is a main package in its own folder.
package examples
