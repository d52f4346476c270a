package corpus_test
import ("os";"testing";"github.com/clusterpolisee/polisee/generator/internal/corpus")
func TestDump(t *testing.T){ d:=os.Getenv("DUMP"); if d=="" {t.Skip()}; if err:=corpus.Write(d,1000,1);err!=nil{t.Fatal(err)} }
