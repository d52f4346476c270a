// Package geo draws the site's maps: inline SVG made at build time from
// the NUTS 2021 boundaries embedded in the program, with no tiles, no
// script and no request to anywhere, so a map reads the same on a static
// host, in print and in an offline copy.
//
// # Data
//
// data/ holds Eurostat GISCO's NUTS 2021 boundaries at 1:20 million
// (countries, NUTS 2 and NUTS 3 regions of the eleven partner countries,
// and the neighbouring countries for context), WGS84 GeoJSON as published
// by eurostat/Nuts2json; data/README.md says what is in them. They are
// © EuroGeographics for the administrative boundaries, and every map
// must say so: the pages write that credit under each map. The data has
// no shape for Kosovo (Serbia's polygon leaves it out). Rather than leave
// a hole, a map whose frame takes it in hatches, in the grey of the
// context countries, the gap that the borders of Serbia, Montenegro,
// Albania and North Macedonia leave (Atlas.Gap: made of those borders'
// own points), writes "Kosovo*" on it, and the page explains it with the
// European Union's usual footnote (see Map.ShowsKosovo).
//
// # Projection
//
// Load projects every point once per process to ETRS89-LAEA (EPSG:3035),
// the Lambert azimuthal equal-area projection Eurostat's own maps use:
// centred on 52°N 10°E, false easting 4,321,000 m and false northing
// 3,210,000 m, on the GRS80 ellipsoid (the exact ellipsoidal formulas of
// EPSG Guidance Note 7-2, method 9820, through the authalic latitude; no
// spherical approximation). Being equal-area, the map shows each region
// with its true relative size.
//
// # Simplification and output
//
// A map scales its frame to its width in pixels and writes coordinates as
// whole numbers of half pixels. Each ring is clipped to the frame (with a
// small margin), snapped to that grid, and loses the points that repeat
// their predecessor or lie on a straight line between their neighbours;
// rings of less than a few square pixels are dropped. Snapping to a grid
// is the only simplification: it needs no tolerance, and since
// neighbouring regions share their boundary's points in the data, they
// still share them after snapping, with no gap or overlap. Path data
// are relative moves of whole numbers. The home map of the starter site
// (every NUTS 2 region of the partner countries, the neighbours as
// context, 720 pixels wide) is under 60 KB; a test holds it to that.
//
// Output is deterministic: the same content gives the same bytes (the
// projection is plain float64 arithmetic, coordinates are rounded to the
// grid, and every list is drawn in the order its caller sorted).
//
// # Accessibility
//
// As the charts (package chart): the <svg> names itself by its <title>
// and <desc>; every area has a <title> with its name, code and figure,
// and a link is named by the same text; figures are written on the
// areas, the shading steps are steps of lightness (readable in grey), a
// heavier outline marks areas the map singles out, and the pages put the
// same figures in a table beside the map.
package geo
