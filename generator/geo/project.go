package geo

import "math"

// ETRS89-LAEA (EPSG:3035): Lambert azimuthal equal-area on the GRS80
// ellipsoid, centred on 52°N 10°E, false easting 4,321,000 m and false
// northing 3,210,000 m. The formulas are those of the EPSG Guidance Note
// 7-2 (method 9820, "Lambert Azimuthal Equal Area"), which go through the
// authalic latitude; they are exact, not a series.
const (
	grs80A   = 6378137.0
	grs80F   = 1 / 298.257222101
	laeaLat0 = 52.0
	laeaLon0 = 10.0
	laeaFE   = 4321000.0
	laeaFN   = 3210000.0
)

// laea holds the constants of the projection, computed once.
var laea = func() (p struct{ e, qP, beta0, rq, d float64 }) {
	e2 := grs80F * (2 - grs80F)
	p.e = math.Sqrt(e2)
	p.qP = qOf(p.e, math.Pi/2)
	phi0 := laeaLat0 * math.Pi / 180
	q0 := qOf(p.e, phi0)
	p.beta0 = math.Asin(q0 / p.qP)
	p.rq = grs80A * math.Sqrt(p.qP/2)
	p.d = grs80A * (math.Cos(phi0) / math.Sqrt(1-e2*math.Sin(phi0)*math.Sin(phi0))) / (p.rq * math.Cos(p.beta0))
	return p
}()

// qOf is the q function of the authalic latitude at latitude phi
// (radians) on the ellipsoid of eccentricity e.
func qOf(e, phi float64) float64 {
	s := math.Sin(phi)
	e2 := e * e
	return (1 - e2) * (s/(1-e2*s*s) - (1/(2*e))*math.Log((1-e*s)/(1+e*s)))
}

// Project gives the ETRS89-LAEA easting and northing, in metres, of a
// point given as WGS84 longitude and latitude in degrees. (WGS84 and
// ETRS89 differ by well under a metre in this region, far below the
// 1:20 million scale of the boundaries.)
func Project(lon, lat float64) (x, y float64) {
	phi := lat * math.Pi / 180
	dl := (lon - laeaLon0) * math.Pi / 180
	beta := math.Asin(qOf(laea.e, phi) / laea.qP)
	sb, cb := math.Sin(beta), math.Cos(beta)
	sb0, cb0 := math.Sin(laea.beta0), math.Cos(laea.beta0)
	b := laea.rq * math.Sqrt(2/(1+sb0*sb+cb0*cb*math.Cos(dl)))
	x = laeaFE + b*laea.d*cb*math.Sin(dl)
	y = laeaFN + (b/laea.d)*(cb0*sb-sb0*cb*math.Cos(dl))
	return x, y
}
