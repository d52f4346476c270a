package kb

// MergeAscending returns up to n values of lists, each list in increasing
// order and no value in two of them, in increasing order, leaving out the
// values skip reports (skip may be nil). Rankings that group their
// candidates (LocalSet here, related items in the generator) merge the
// groups of one score with it, so that ties keep the candidates' order.
func MergeAscending(lists [][]int32, n int, skip func(int32) bool) []int32 {
	var out []int32
	heads := make([]int, len(lists))
	for len(out) < n {
		pick := -1
		for k, l := range lists {
			if heads[k] < len(l) && (pick < 0 || l[heads[k]] < lists[pick][heads[pick]]) {
				pick = k
			}
		}
		if pick < 0 {
			break
		}
		v := lists[pick][heads[pick]]
		heads[pick]++
		if skip == nil || !skip(v) {
			out = append(out, v)
		}
	}
	return out
}
