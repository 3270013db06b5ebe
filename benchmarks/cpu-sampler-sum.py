# CPU seconds per process name over a cpu-sampler.sh file: the last sample minus the first, per PID, summed.
import sys,collections
last={}; first={}
for line in open(sys.argv[1]):
    ts,pid,n,t=line.split()
    key=(pid,n); t=int(t)
    first.setdefault(key,(int(ts),t)); last[key]=(int(ts),t)
tot=collections.Counter()
for k,(ts,t) in last.items():
    tot[k[1]]+= t-first[k][1]
for n,v in tot.most_common(): print(f"{n:12s} {v:6d} s")
