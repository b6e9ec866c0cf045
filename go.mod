module github.com/synaptune/synaptune

go 1.26

require (
	github.com/go-echarts/go-echarts/v2 v2.6.7 // indirect
	github.com/google/go-cmp v0.7.0 // indirect
	github.com/gorilla/websocket v1.5.3 // indirect
	gonum.org/v1/gonum v0.17.0 // indirect
)
