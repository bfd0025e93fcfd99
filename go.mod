module github.com/skillsnavigator/skillsnav

go 1.26.8

require (
	github.com/blevesearch/snowballstem v0.9.0
	github.com/stretchr/testify v1.12.1
)

require go.yaml.in/yaml/v3 v3.0.5 // indirect
