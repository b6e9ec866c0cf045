module github.com/synaptune/synaptune

go 1.26
