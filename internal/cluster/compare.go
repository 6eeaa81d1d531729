package cluster

// Observe counts it in the document frequencies that weigh terms and
// entities, without assigning it: use it to give Compare a background.
func (c *Clusterer) Observe(it *Item) { c.count(it) }

// Compare scores whether a and b report the same event with the features
// and model Assign uses: b is compared with an event made of a alone, then
// a with one made of b, and the two scores averaged (the features are not
// all symmetric). The clusterer's events are left alone; its document
// frequencies weigh the terms. The evidence returned is of the first
// direction, with the average score and margin: the two are the same event
// when the margin is at least 0.
func (c *Clusterer) Compare(a, b *Item) Evidence {
	ab := c.compare(a, b)
	ba := c.compare(b, a)
	ab.Score = (ab.Score + ba.Score) / 2
	ab.Margin = (ab.Margin + ba.Margin) / 2
	return ab
}

func (c *Clusterer) compare(a, b *Item) Evidence {
	tmp := New(c.cfg, nil)
	tmp.df, tmp.edf, tmp.docs, tmp.now = c.df, c.edf, c.docs, c.now
	e := tmp.create(a, tmp.vector(a))
	vec := tmp.vector(b)
	f := tmp.features(b, vec, e)
	s := c.cfg.Model.Score(f)
	ev := Evidence{Features: f, Score: s, Margin: s - c.cfg.Model.threshold(f)}
	ev.explain(b, vec, e)
	return ev
}
